-- lua-actor durable state, format 1 (docs/state.md). H2 2.x.
CREATE TABLE IF NOT EXISTS lua_actor_state (
    name       VARCHAR(255)             NOT NULL PRIMARY KEY,
    revision   BIGINT                   NOT NULL,
    bytes      VARBINARY                NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
