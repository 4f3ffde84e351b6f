import { z } from 'zod';
import { ID_PATTERN } from '../../workflows/ids';

/** An id from outside (integration, alert group, incident `sys_id`): the one check of `workflows/ids.ts`. */
export const IdSchema = z.string().regex(ID_PATTERN, 'an id of 1 to 128 letters, digits and _ . : -');
