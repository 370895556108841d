-- lua-actor durable state, format 1 (docs/state.md). PostgreSQL.
CREATE TABLE IF NOT EXISTS lua_actor_state (
    name       VARCHAR(255)             NOT NULL PRIMARY KEY,
    revision   BIGINT                   NOT NULL,
    bytes      BYTEA                    NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
