// Generated from openapi.yaml by `pnpm generate:api-types`. Do not edit.

export interface paths {
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List active tenants */
        get: operations["listTenants"];
        put?: never;
        /**
         * Create a tenant
         * @description Creates the tenant row, its partition, its queue and dead-letter queue. The queue
         *     exists before the 201, so messages may be published at once.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Queue statistics of every active tenant */
        get: operations["tenantStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** Get an active tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant
         * @description Marks the tenant as being deleted and answers at once; from then on the tenant is
         *     gone for clients (404) and its name is free. Its queues, stored messages and
         *     partition are removed in the background.
         */
        delete: operations["deleteTenant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{id}/config/concurrency": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        get?: never;
        /** Change how many workers a tenant's pool runs */
        put: operations["updateConcurrency"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** One tenant's stored messages, newest first */
        get: operations["listTenantMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored messages of every active tenant, newest first */
        get: operations["listMessages"];
        put?: never;
        /**
         * Publish a message to a tenant
         * @description Answers 201 once the broker has durably accepted the message; it is stored
         *     asynchronously and appears in the listings shortly after. On a 503 (or a lost
         *     answer) the message may or may not have been accepted: publish it again with the
         *     same `id` and it is stored once. Without an `id` the API assigns a UUIDv7.
         *
         *     The payload must be a JSON object of at most the server's `max_payload_size`
         *     bytes (256 KiB by default) when serialized, nested at most 100 levels deep, and
         *     must not contain the character U+0000 or unpaired UTF-16 surrogates in any
         *     string or key (PostgreSQL cannot store them).
         */
        post: operations["publishMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Message id */
                id: string;
            };
            cookie?: never;
        };
        /** Get a stored message */
        get: operations["getMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in and get a token pair
         * @description Opens a session and answers an access token and a refresh token. A `user` must
         *     name its tenant in `tenant_id` (400 without it, 403 for another tenant); the
         *     tenant is bound into its tokens. An `admin` needs none. Unknown usernames and
         *     wrong passwords get the same 401. Repeated failures per username and per client
         *     address are refused with 429 for a while (`Retry-After` says how long).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade a refresh token for a new token pair
         * @description Each refresh token works once. Presenting one that was already used revokes its
         *     whole session: every access and refresh token of it stops working (401).
         */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session of the Bearer token
         * @description From then on neither the access token nor the session's refresh tokens are
         *     accepted, on any replica. Needs a valid access token even when authentication
         *     is not enforced.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user of an existing tenant (when self-registration is on)
         * @description Answers 404 unless the server runs with `auth.allow_registration`.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (admins only) */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user (admins only)
         * @description A `user` needs the `tenant_id` it is bound to; an `admin` takes none.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a user and end its sessions (admins only) */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether PostgreSQL and RabbitMQ answer */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the process answers at all (for orchestrators' liveness probes)
         * @description Never looks at PostgreSQL or RabbitMQ, so an outage of theirs does not get replicas restarted.
         */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether this replica should get traffic (for orchestrators' readiness probes)
         * @description As `/health`, except that it answers 503 `{"status": "stopping"}` from the moment
         *     a graceful stop begins, before the replica stops accepting connections.
         */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Served at the configured `metrics.path` (this one by default) when `metrics.enabled`.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
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
        Error: {
            /** @description What went wrong, for humans */
            error: string;
            /** @description Stable machine-readable code */
            code: string;
            /** @description Specifics, such as the fields that failed validation */
            details?: unknown[];
        };
        Username: string;
        /** @description 8 to 1024 characters */
        NewPassword: string;
        LoginRequest: {
            username: components["schemas"]["Username"];
            password: string;
            /**
             * Format: uuid
             * @description Required for a `user`; the tenant its tokens are bound to
             */
            tenant_id?: string;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        RegisterRequest: {
            username: components["schemas"]["Username"];
            password: components["schemas"]["NewPassword"];
            /** Format: uuid */
            tenant_id: string;
        };
        CreateUserRequest: {
            username: components["schemas"]["Username"];
            password: components["schemas"]["NewPassword"];
            /** @enum {string} */
            role: "admin" | "user";
            /**
             * Format: uuid
             * @description Required for a `user`, refused for an `admin`
             */
            tenant_id?: string;
        };
        User: {
            /** Format: uuid */
            id: string;
            username: string;
            /** @enum {string} */
            role: "admin" | "user";
            /**
             * Format: uuid
             * @description The tenant a `user` is bound to; null for admins and the demo user
             */
            tenant_id: string | null;
            /** Format: date-time */
            created_at: string;
        };
        TokenPair: {
            /** @description Send as `Authorization: Bearer <access_token>` */
            access_token: string;
            /** @description Works once, at `POST /auth/refresh` */
            refresh_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds until the access token expires */
            expires_in: number;
        };
        /** @description Concurrent batch writers of the tenant's pool (1..max_workers) */
        Workers: number;
        /** @description Unique among active tenants; 1 to 255 characters, no control characters */
        TenantName: string;
        CreateTenantRequest: {
            name: components["schemas"]["TenantName"];
            /** @description Defaults to the server's configured `workers` (3 by default) */
            workers?: components["schemas"]["Workers"];
        };
        UpdateConcurrencyRequest: {
            workers: components["schemas"]["Workers"];
        };
        /**
         * @example {
         *       "id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70",
         *       "name": "acme",
         *       "workers": 5,
         *       "created_at": "2026-01-02T03:04:05.678Z",
         *       "updated_at": "2026-01-02T03:04:05.678Z"
         *     }
         */
        Tenant: {
            /** Format: uuid */
            id: string;
            name: string;
            workers: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        TenantStats: {
            /** Format: uuid */
            tenant_id: string;
            name: string;
            queue_name: string;
            workers: number;
            /** @description Messages waiting in the queue (ready, not yet delivered); null when the broker could not tell */
            queue_depth: number | null;
            /** @description Consumers attached to the queue; null when the broker could not tell */
            consumers: number | null;
            /** @description The supervisor replica that owns the tenant (as its /health names it); null while no replica is live */
            owner: string | null;
            /** @description Whether a pool consumes the queue now; null when the broker could not tell */
            pool_running: boolean | null;
        };
        PublishMessageRequest: {
            /**
             * Format: uuid
             * @description Optional id chosen by the client, so that a retry is recognised: a message
             *     is stored once per tenant and id, and the first one stored wins.
             */
            id?: string;
            /** Format: uuid */
            tenant_id: string;
            /** @description Any JSON object */
            payload: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "id": "0193a5b3-1f2e-7a4b-8c5d-6e7f8091a2b3",
         *       "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70",
         *       "payload": {
         *         "event": "order.created",
         *         "order_id": 42
         *       },
         *       "created_at": "2026-01-02T03:04:06.789Z"
         *     }
         */
        Message: {
            /**
             * Format: uuid
             * @description The id the client sent, else a UUIDv7 assigned by the API
             */
            id: string;
            /** Format: uuid */
            tenant_id: string;
            payload: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
        };
        MessagePage: {
            data: components["schemas"]["Message"][];
            /** @description Pass as `cursor` to read the next page; null on the last page */
            next_cursor: string | null;
        };
        Check: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            latency_ms: number;
            error?: string;
        };
        Status: {
            /** @enum {string} */
            status: "ok" | "stopping";
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks: {
                postgres: components["schemas"]["Check"];
                rabbitmq: components["schemas"]["Check"];
            };
        };
    };
    responses: {
        /** @description A new token pair */
        TokenPair: {
            headers: {
                "Cache-Control"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TokenPair"];
            };
        };
        /** @description No Bearer token, or one that is invalid, expired or of an ended session; or bad credentials at login */
        Unauthorized: {
            headers: {
                /** @description `Bearer`, with `error="invalid_token"` when a token was sent and refused */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "a Bearer token is required",
                 *       "code": "unauthorized"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The token's role or tenant does not allow this */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "this operation requires the admin role",
                 *       "code": "forbidden"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many failed logins for this username or from this address */
        TooManyRequests: {
            headers: {
                /** @description Seconds until a login may be tried again */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "too many failed logins; try again later",
                 *       "code": "too_many_requests"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Another user has this username */
        UsernameTaken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "the username \"alice\" is taken",
                 *       "code": "conflict"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description One page of messages, newest first */
        MessagePage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "data": [
                 *         {
                 *           "id": "0193a5b3-1f2e-7a4b-8c5d-6e7f8091a2b3",
                 *           "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70",
                 *           "payload": {
                 *             "event": "order.created",
                 *             "order_id": 42
                 *           },
                 *           "created_at": "2026-01-02T03:04:06.789Z"
                 *         }
                 *       ],
                 *       "next_cursor": "WyIyMDI2LTAxLTAyVDAzOjA0OjA2Ljc4OVoiLCIwMTkzYTViMy0xZjJlLTdhNGItOGM1ZC02ZTdmODA5MWEyYjMiXQ"
                 *     }
                 */
                "application/json": components["schemas"]["MessagePage"];
            };
        };
        /** @description The request is malformed (invalid JSON, wrong types, unknown fields, bad id, limit or cursor) */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such active tenant or stored message */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "tenant not found",
                 *       "code": "not_found"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body or the message payload is larger than the server accepts */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "payload is 300000 bytes of JSON; the limit is 262144",
                 *       "code": "payload_too_large"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is not application/json */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "request body must be sent as application/json",
                 *       "code": "unsupported_media_type"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description PostgreSQL or RabbitMQ is unavailable; retrying later is safe */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "message broker unavailable",
                 *       "code": "service_unavailable"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description An unexpected failure; the detail is in the server's log */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "internal server error",
                 *       "code": "internal_error"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description Tenant id */
        TenantId: string;
        /** @description Page size */
        Limit: number;
        /** @description The `next_cursor` of the previous page */
        Cursor: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listTenants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every active tenant, oldest first (an empty array when there are none) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "acme",
                 *       "workers": 5
                 *     }
                 */
                "application/json": components["schemas"]["CreateTenantRequest"];
            };
        };
        responses: {
            /** @description The tenant was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description An active tenant already has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "a tenant named \"acme\" already exists",
                     *       "code": "conflict"
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tenantStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics keyed by tenant id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70": {
                     *         "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70",
                     *         "name": "acme",
                     *         "queue_name": "tenant_0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70_queue",
                     *         "workers": 5,
                     *         "queue_depth": 12,
                     *         "consumers": 1
                     *       }
                     *     }
                     */
                    "application/json": {
                        [key: string]: components["schemas"]["TenantStats"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant is being deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateConcurrency: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "workers": 10
                 *     }
                 */
                "application/json": components["schemas"]["UpdateConcurrencyRequest"];
            };
        };
        responses: {
            /** @description The updated tenant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTenantMessages: {
        parameters: {
            query?: {
                /** @description Page size */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description Tenant id */
                id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MessagePage"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description Page size */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MessagePage"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    publishMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70",
                 *       "payload": {
                 *         "event": "order.created",
                 *         "order_id": 42
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PublishMessageRequest"];
            };
        };
        responses: {
            /** @description The broker confirmed the message */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Message id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "user",
                 *       "password": "user123",
                 *       "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: components["responses"]["TokenPair"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            200: components["responses"]["TokenPair"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session has ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description The user was created; log in to get tokens */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["UsernameTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every user, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "alice",
                 *       "password": "correct-horse-battery",
                 *       "role": "user",
                 *       "tenant_id": "0193a5b2-7c1e-7d4a-9b1e-2f3c4d5e6f70"
                 *     }
                 */
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The user was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["UsernameTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user is gone; its tokens no longer work */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Both answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "postgres": {
                     *           "status": "ok",
                     *           "latency_ms": 1.2
                     *         },
                     *         "rabbitmq": {
                     *           "status": "ok",
                     *           "latency_ms": 0.8
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description At least one does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "unavailable",
                     *       "checks": {
                     *         "postgres": {
                     *           "status": "ok",
                     *           "latency_ms": 1.2
                     *         },
                     *         "rabbitmq": {
                     *           "status": "unavailable",
                     *           "latency_ms": 2000,
                     *           "error": "timed out after 2000 ms"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Status"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Stopping, or PostgreSQL or RabbitMQ does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "stopping"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"] | components["schemas"]["Status"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics in the Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
}
