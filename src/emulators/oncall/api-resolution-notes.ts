/**
 * `/api/v1/resolution_notes/` (oncall.md §10, `views/resolution_notes.py`): list (filter `alert_group_id`,
 * fifty a page), create, read, update (web notes only) and delete. A note made through the API is a `web`
 * note whose author is the key's user, or null for a service account.
 */
import { Router, type Request, type Response } from 'express';
import { userOf } from './auth';
import type { EmulatorContext } from './context';
import { detail, notFound, objectBody, paginate, queryString } from './http-helpers';
import { drfTime, publicId } from './ids';
import type { EmResolutionNote } from './model';

export function serializeResolutionNote(note: EmResolutionNote) {
  return {
    id: note.id,
    alert_group_id: note.groupId,
    author: note.author?.id ?? null,
    source: note.source,
    created_at: drfTime(note.createdAt),
    text: note.text,
  };
}

export function resolutionNoteRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const notes = ctx.store.resolutionNotes;

  router.get('/resolution_notes', (req, res) => {
    const groupId = queryString(req, 'alert_group_id');
    // OnCall orders by the group's start; within a group, in the order the notes were made.
    const listed = [...notes.values()].filter((note) => !groupId || note.groupId === groupId);
    paginate(req, res, listed, ctx.baseUrl(), serializeResolutionNote);
  });

  router.post('/resolution_notes', (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const text = textOf(body, res);
    if (text === undefined) return;
    const groupId = body.alert_group_id;
    if (typeof groupId !== 'string' || !ctx.store.alertGroups.has(groupId)) {
      const problem =
        groupId === undefined
          ? 'This field is required.'
          : `Invalid pk "${typeof groupId === 'string' ? groupId : JSON.stringify(groupId)}" - object does not exist.`;
      return void res.status(400).json({ alert_group_id: [problem] });
    }
    const user = userOf(req);
    const note: EmResolutionNote = {
      id: publicId('M'),
      groupId,
      author: user && !user.serviceAccount ? user : null,
      source: 'web',
      createdAt: new Date(),
      text,
    };
    notes.set(note.id, note);
    res.status(201).json(serializeResolutionNote(note));
  });

  router.get('/resolution_notes/:id', (req, res) => {
    const note = notes.get(String(req.params.id));
    if (!note) return notFound(res);
    res.json(serializeResolutionNote(note));
  });

  const update = (req: Request, res: Response) => {
    const note = notes.get(String(req.params.id));
    if (!note) return notFound(res);
    if (note.source !== 'web') return detail(res, 400, 'Cannot update message with this source type');
    const body = objectBody(req, res);
    if (!body) return;
    const text = textOf(body, res);
    if (text === undefined) return;
    note.text = text;
    res.json(serializeResolutionNote(note));
  };
  router.put('/resolution_notes/:id', update);
  router.patch('/resolution_notes/:id', update);

  router.delete('/resolution_notes/:id', (req, res) => {
    if (!notes.delete(String(req.params.id))) return notFound(res);
    res.status(204).end();
  });
  return router;
}

/** `text` is required and may not be null or blank (DRF `CharField(allow_null=False)`). */
function textOf(body: Record<string, unknown>, res: Response): string | undefined {
  const text = body.text;
  if (typeof text === 'string' && text.trim() !== '') return text;
  const problem =
    text === undefined
      ? 'This field is required.'
      : text === null
        ? 'This field may not be null.'
        : 'This field may not be blank.';
  return void res.status(400).json({ text: [problem] });
}
