/**
 * Generated from GET /api/v1/openapi.json by `npm run api-types` (scripts/api-types.ts); do not edit.
 * web/src/api-types.ts names the types the pages use.
 */
export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process runs */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Alive */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Temporal answers, its prerequisites exist and the worker polls */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Ready; 503 with the same shape when not */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ready' | 'not_ready';
              checks: {
                [key: string]: string;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description An OpenAPI 3.1 document */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/test-connection': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Checks ServiceNow credentials and roles */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            servicenow: {
              instanceUrl: string;
              username: string;
              password: string;
            };
          };
        };
      };
      responses: {
        /** @description The credentials work */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              ok: true;
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Lists the integrations */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description All active integrations */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              integrations: components['schemas']['Integration'][];
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    put?: never;
    /** Creates an integration (and its OnCall webhooks) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @default  */
            description?: string;
            servicenow: {
              instanceUrl: string;
              username: string;
              password: string;
            };
            oncall: {
              apiUrl: string;
              apiToken: string;
              integrationId?: string;
              uiUrl?: string;
            };
            /** @default true */
            createDefaultWebhooks?: boolean;
            stateMapping?: {
              firing: string | null;
              acknowledged: string | null;
              resolved: string | null;
              /** @default null */
              silenced?: string | null;
            };
          };
        };
      };
      responses: {
        /** @description The integration */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reads an integration */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Deletes an integration and its OnCall webhooks */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Changes settings; new credentials are checked first */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            description?: string;
            servicenow?: {
              instanceUrl?: string;
              username?: string;
              password?: string;
            };
            oncall?: {
              apiUrl?: string;
              apiToken?: string;
              uiUrl?: string | null;
            };
            stateMapping?:
              | {
                  firing: string | null;
                  acknowledged: string | null;
                  resolved: string | null;
                  /** @default null */
                  silenced?: string | null;
                }
              | {
                  oncallToServiceNow: {
                    firing: string | null;
                    acknowledged: string | null;
                    resolved: string | null;
                    /** @default null */
                    silenced?: string | null;
                  };
                  serviceNowToOnCall: {
                    [key: string]: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
                  };
                };
            closeCode?: string | null;
            incidentFields?: {
              [key: string]: string;
            };
            notes?: {
              /** @enum {string} */
              toOnCall?: 'work_notes' | 'comments' | 'both' | 'off';
              /** @enum {string} */
              toServiceNow?: 'work_notes' | 'comments' | 'off';
            };
          };
        };
      };
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/integrations/{id}/state-options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The instance's incident states, read now */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The states */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              options: {
                label: string;
                value: string;
              }[];
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/state-mapping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Sets the state mapping, flat or two-way (bridge.md §8.1) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                firing: string | null;
                acknowledged: string | null;
                resolved: string | null;
                /** @default null */
                silenced?: string | null;
              }
            | {
                oncallToServiceNow: {
                  firing: string | null;
                  acknowledged: string | null;
                  resolved: string | null;
                  /** @default null */
                  silenced?: string | null;
                };
                serviceNowToOnCall: {
                  [key: string]: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
                };
              };
        };
      };
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/field-mapping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Sets the incident field templates (bridge.md §8.2) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default {} */
            incident?: {
              [key: string]: string;
            };
            /** @default [] */
            updateOnChange?: string[];
            /** @default false */
            assignOnAcknowledge?: boolean;
          };
        };
      };
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/field-mapping/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Renders the templates for an alert group or a pasted OnCall webhook body (exactly one), writing nothing */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            alertGroupId?: string;
            event?: {
              event: {
                type: string;
                time?: string | null;
              };
              user?: {
                id: string;
                username?: string | null;
                email?: string | null;
              } | null;
              alert_group: {
                id: string;
                integration_id: string;
                /** @enum {string} */
                state: 'firing' | 'acknowledged' | 'resolved' | 'silenced';
                title?: string | null;
                created_at?: string | null;
                resolved_at?: string | null;
                acknowledged_at?: string | null;
                silenced_at?: string | null;
                alerts_count?: number | null;
                permalinks?:
                  | ({
                      web?: string | null;
                    } & {
                      [key: string]: unknown;
                    })
                  | null;
                labels?:
                  | {
                      key: {
                        id?: string | null;
                        name: string;
                      };
                      value: {
                        id?: string | null;
                        name: string;
                      };
                    }[]
                  | {
                      [key: string]: string;
                    }
                  | null;
                last_alert?:
                  | ({
                      payload?: unknown;
                    } & {
                      [key: string]: unknown;
                    })
                  | null;
              };
              alert_group_id: string;
              integration?: {
                id?: string;
                name?: string | null;
                type?: string | null;
                team?: string | null;
              } | null;
              alert_payload?: unknown;
            };
          };
        };
      };
      responses: {
        /** @description The rendered fields and the problems */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              incident: {
                [key: string]: string;
              };
              problems: string[];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/incident-filter': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Sets which ServiceNow incidents get an alert group, as an encoded query (bridge.md §8.3) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            condition: string;
          };
        };
      };
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/business-rule': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Issues a new webhook token and the Business Rule script */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The script and where to put it */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The new webhook token, shown this once; it is also inside the script */
              token: string;
              script: string;
              instructions: string;
              rule: {
                name: string;
                table: string;
                when: string;
                insert: boolean;
                update: boolean;
              };
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/webhook-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rotates the OnCall webhook secret: the bridge's webhooks get the new one, the old one is refused (without webhooks of its own, the answer's authorizationHeader carries it once) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The integration, with the new secret once */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              name: string;
              description: string;
              /** @enum {string} */
              status: 'active' | 'deleted';
              servicenow: {
                instanceUrl: string;
                username: string;
                passwordSet: boolean;
              };
              oncall: {
                apiUrl: string;
                apiTokenSet: boolean;
                integrationId: string;
                uiUrl: string | null;
              };
              stateOptions: {
                label: string;
                value: string;
              }[];
              stateMapping: {
                oncallToServiceNow: {
                  firing: string | null;
                  acknowledged: string | null;
                  resolved: string | null;
                  silenced: string | null;
                };
                serviceNowToOnCall: {
                  [key: string]: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
                };
              };
              closeCode: {
                value: string;
                label: string;
                chosen: boolean;
              };
              connections: {
                oncallIntegrationId: string;
                backsync: boolean;
              }[];
              notes: {
                /** @enum {string} */
                toOnCall: 'work_notes' | 'comments' | 'both' | 'off';
                /** @enum {string} */
                toServiceNow: 'work_notes' | 'comments' | 'off';
              };
              fieldMapping: {
                incident: {
                  [key: string]: string;
                };
                updateOnChange: string[];
                assignOnAcknowledge: boolean;
              };
              incidentFields: {
                [key: string]: string;
              };
              incidentFilter: {
                condition: string;
              };
              webhooks: {
                id: string;
                triggerType: string;
              }[];
              /** @description an ISO 8601 date-time */
              businessRuleIssuedAt: string | null;
              businessRuleOutdated: boolean;
              /** @description an ISO 8601 date-time */
              createdAt: string;
              /** @description The new secret, shown this once: only when the bridge has no OnCall webhooks of its own to put it in */
              authorizationHeader?: string;
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Connects another OnCall integration */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            oncallIntegrationId: string;
            /** @default false */
            backsync?: boolean;
          };
        };
      };
      responses: {
        /** @description The integration */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/connections/{oncallIntegrationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Removes a connection */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          oncallIntegrationId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Changes a connection's backsync */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          oncallIntegrationId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            backsync: boolean;
          };
        };
      };
      responses: {
        /** @description The integration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Integration'];
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v1/integrations/{id}/connections/{oncallIntegrationId}/demo-alert': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sends a demo alert to the connected integration */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          oncallIntegrationId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Sent */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              sent: true;
              format: string;
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description A setup step did not finish in time (is the worker running?) */
        504: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/pairs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The integration's pairs, newest first */
    get: {
      parameters: {
        query?: {
          state?: 'firing' | 'acknowledged' | 'resolved' | 'silenced';
          search?: string;
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The pairs */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              pairs: components['schemas']['PairSummary'][];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{id}/reconcile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Runs reconciliation now */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The run's counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              integrationId: string;
              active: boolean;
              more: boolean;
              incidentsMore: boolean;
              groupsMore: boolean;
              cursor: {
                incidentsSince: string | null;
                incidentsOffset: number;
                groupPages: {
                  [key: string]: number;
                };
                groupsDone?: {
                  [key: string]: number;
                };
                groupPasses?: number;
              };
              /** @description an ISO 8601 date-time */
              startedAt: string;
              incidentsScanned: number;
              groupsScanned: number;
              inSync: number;
              busy: number;
              skipped: number;
              missedChanges: number;
              orphansAdopted: number;
              notesNudged: number;
              pairsCreated: number;
              pairsQueried: number;
              visibilityCalls: number;
            };
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/pairs/{pairId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A pair's state, timeline and carried notes */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The pair id, URL-encoded */
          pairId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The pair */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PairDetail'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/oncall/{integrationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** OnCall's outgoing webhook (forward_all) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          integrationId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            event: {
              type: string;
              time?: string | null;
            };
            user?: {
              id: string;
              username?: string | null;
              email?: string | null;
            } | null;
            alert_group: {
              id: string;
              integration_id: string;
              /** @enum {string} */
              state: 'firing' | 'acknowledged' | 'resolved' | 'silenced';
              title?: string | null;
              created_at?: string | null;
              resolved_at?: string | null;
              acknowledged_at?: string | null;
              silenced_at?: string | null;
              alerts_count?: number | null;
              permalinks?:
                | ({
                    web?: string | null;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              labels?:
                | {
                    key: {
                      id?: string | null;
                      name: string;
                    };
                    value: {
                      id?: string | null;
                      name: string;
                    };
                  }[]
                | {
                    [key: string]: string;
                  }
                | null;
              last_alert?:
                | ({
                    payload?: unknown;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
            };
            alert_group_id: string;
            integration?: {
              id?: string;
              name?: string | null;
              type?: string | null;
              team?: string | null;
            } | null;
            alert_payload?: unknown;
          };
        };
      };
      responses: {
        /** @description Delivered to its pair, or ignored */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | {
                  /** @enum {boolean} */
                  accepted: true;
                  pairId: string;
                }
              | {
                  /** @enum {boolean} */
                  accepted: false;
                  reason: string;
                };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Too many webhooks for this integration; see Retry-After */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/servicenow/{integrationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The generated Business Rule's call */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          integrationId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            operation: 'insert' | 'update';
            sys_id: string;
            number: string | number;
            state: string | number;
            short_description?: string | number | null;
            description?: string | number | null;
            correlation_id?: string | number | null;
            correlation_display?: string | number | null;
            sys_updated_on: string;
            sys_updated_by: string | number;
            sys_mod_count: number | string;
            changed?: string[];
            fields?: {
              [key: string]: {
                value?: string | number | null;
                display_value?: string | number | null;
              };
            };
            work_note?: string | number | null;
            comment?: string | number | null;
          };
        };
      };
      responses: {
        /** @description Delivered to its pair, or ignored */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | {
                  /** @enum {boolean} */
                  accepted: true;
                  pairId: string;
                }
              | {
                  /** @enum {boolean} */
                  accepted: false;
                  reason: string;
                };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description No such integration, connection or pair */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Too many webhooks for this integration; see Retry-After */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Temporal is unreachable; try again later */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Encodes Temporal payloads (the payload codec) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            payloads: {
              metadata?: {
                [key: string]: string;
              };
              data?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description The payloads */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              payloads: {
                metadata?: {
                  [key: string]: string;
                };
                data?: string;
              }[];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/{token}/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Encodes Temporal payloads (the payload codec) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            payloads: {
              metadata?: {
                [key: string]: string;
              };
              data?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description The payloads */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              payloads: {
                metadata?: {
                  [key: string]: string;
                };
                data?: string;
              }[];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decodes Temporal payloads (the payload codec) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            payloads: {
              metadata?: {
                [key: string]: string;
              };
              data?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description The payloads */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              payloads: {
                metadata?: {
                  [key: string]: string;
                };
                data?: string;
              }[];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/{token}/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decodes Temporal payloads (the payload codec) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            payloads: {
              metadata?: {
                [key: string]: string;
              };
              data?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description The payloads */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              payloads: {
                metadata?: {
                  [key: string]: string;
                };
                data?: string;
              }[];
            };
          };
        };
        /** @description The request is invalid; `error.details` names each field and why */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description Missing or wrong credential */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        /** @description The body is larger than allowed */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ErrorBody: {
      error: {
        code: string;
        message: string;
        details?: unknown;
      };
    };
    /** @description An integration without any secret: only whether each is set */
    Integration: {
      id: string;
      name: string;
      description: string;
      /** @enum {string} */
      status: 'active' | 'deleted';
      servicenow: {
        instanceUrl: string;
        username: string;
        passwordSet: boolean;
      };
      oncall: {
        apiUrl: string;
        apiTokenSet: boolean;
        integrationId: string;
        uiUrl: string | null;
      };
      stateOptions: {
        label: string;
        value: string;
      }[];
      stateMapping: {
        oncallToServiceNow: {
          firing: string | null;
          acknowledged: string | null;
          resolved: string | null;
          silenced: string | null;
        };
        serviceNowToOnCall: {
          [key: string]: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
        };
      };
      closeCode: {
        value: string;
        label: string;
        chosen: boolean;
      };
      connections: {
        oncallIntegrationId: string;
        backsync: boolean;
      }[];
      notes: {
        /** @enum {string} */
        toOnCall: 'work_notes' | 'comments' | 'both' | 'off';
        /** @enum {string} */
        toServiceNow: 'work_notes' | 'comments' | 'off';
      };
      fieldMapping: {
        incident: {
          [key: string]: string;
        };
        updateOnChange: string[];
        assignOnAcknowledge: boolean;
      };
      incidentFields: {
        [key: string]: string;
      };
      incidentFilter: {
        condition: string;
      };
      webhooks: {
        id: string;
        triggerType: string;
      }[];
      /** @description an ISO 8601 date-time */
      businessRuleIssuedAt: string | null;
      businessRuleOutdated: boolean;
      /** @description an ISO 8601 date-time */
      createdAt: string;
    };
    PairSummary: {
      pairId: string;
      integrationId: string;
      alertGroupId: string | null;
      incidentSysId: string | null;
      incidentNumber: string | null;
      oncallState: string | null;
      servicenowState: string | null;
      title: string | null;
      /** @enum {string} */
      origin: 'oncall' | 'servicenow';
      /** @description The pair workflow's status */
      status: string;
      /** @description an ISO 8601 date-time */
      updatedAt: string;
      temporalUrl: string | null;
    };
    PairDetail: {
      pairId: string;
      integrationId: string;
      alertGroupId: string | null;
      incidentSysId: string | null;
      incidentNumber: string | null;
      oncallState: string | null;
      servicenowState: string | null;
      title: string | null;
      /** @enum {string} */
      origin: 'oncall' | 'servicenow';
      alertGroupUrl: string | null;
      /** @description an ISO 8601 date-time */
      updatedAt: string | null;
      done: boolean;
      desired: {
        servicenow: string | null;
        /** @enum {string|null} */
        oncall: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
      };
      pending: {
        servicenow: string | null;
        /** @enum {string|null} */
        oncall: 'firing' | 'acknowledged' | 'resolved' | 'silenced' | null;
      };
      lastError: {
        /** @description an ISO 8601 date-time */
        at: string;
        type: string;
        message: string;
      } | null;
      queued: number;
      timeline: {
        /** @description an ISO 8601 date-time */
        at: string;
        /** @enum {string} */
        source: 'oncall' | 'servicenow' | 'bridge';
        kind: string;
        summary: string;
      }[];
      notes: {
        /** @enum {string} */
        direction: 'toOnCall' | 'toServiceNow';
        journalId: string;
        oncallNoteId: string;
        /** @description an ISO 8601 date-time */
        at: string;
        found?: boolean;
      }[];
      temporalUrl: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
