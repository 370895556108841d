package io.github.luaactor.bench;

/** The Lua scripts every implementation runs, character for character. */
final class Scripts {
    /** Workload tell, fan-out and density: fire-and-forget into per-actor state. */
    static final String ADD_TO_STATE = "ctx.state.n = (ctx.state.n or 0) + ctx.msg";
    /** Workload ask: request/reply. */
    static final String ADD_42 = "return ctx.msg + 42";
    /** Workload lua-to-lua, actor A: asks B from inside its handler. */
    static final String ASK_B = "return ctx.send(\"B\", ctx.msg) + 1";
    /** Workload lua-to-lua, actor B. */
    static final String ADD_1 = "return ctx.msg + 1";
    /**
     * Workload scaling: a little Lua work per message, then the actor sends itself the next message of its chain,
     * so no producer thread competes with the actors for the two cores.
     */
    static final String BUSY_CHAIN = """
            local s = 0
            for i = 1, 40 do s = s + i end
            ctx.state.s = s
            if ctx.msg > 1 then ctx.notify(ctx.msg - 1) end
            """;

    private Scripts() {
    }
}
