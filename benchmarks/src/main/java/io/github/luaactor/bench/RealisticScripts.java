package io.github.luaactor.bench;

import java.util.Map;

/**
 * Handlers as users write them (issue 18): loops, {@code ..}, closures, table work and the {@code json} module, each
 * taking an integer message and keeping its result in {@code ctx.state}. Every implementation runs the same text.
 */
final class RealisticScripts {
    /** A sliding window of 32 numbers: mean and max, with a {@code for} loop, {@code #} and {@code table.remove}. */
    static final String WINDOW = """
            local s = ctx.state
            local w = s.w
            if not w then w = {} s.w = w end
            w[#w + 1] = ctx.msg
            if #w > 32 then table.remove(w, 1) end
            local sum, max = 0, -math.huge
            for i = 1, #w do
              local v = w[i]
              sum = sum + v
              if v > max then max = v end
            end
            s.mean = sum / #w
            s.max = max
            """;
    /** {@code k1=…&k2=…} from 8 parts with {@code ..}, {@code table.concat} and {@code upper}. */
    static final String QUERY = """
            local parts = {}
            for i = 1, 8 do
              parts[i] = 'k' .. i .. '=' .. (ctx.msg + i)
            end
            ctx.state.q = table.concat(parts, '&'):upper()
            """;
    /** A fold with a closure made per step. */
    static final String FOLD = """
            local function add(a) return function(b) return a + b end end
            local acc = 0
            for i = 1, 16 do acc = add(acc)(ctx.msg + i) end
            ctx.state.acc = acc
            """;
    /** Decodes a JSON event with the {@code json} module and updates {@code ctx.state}. */
    static final String JSON = """
            local json = require('json')
            local e = json.decode('{"user":"u7","amount":12.5,"tags":["a","b"],"items":[{"sku":"x1","qty":2},{"sku":"y2","qty":3}]}')
            local s = ctx.state
            s.total = (s.total or 0) + e.amount + ctx.msg
            local n = 0
            for _, item in ipairs(e.items) do n = n + item.qty end
            s.items = (s.items or 0) + n
            s.last = e.user
            """;

    static final Map<String, String> BY_NAME = Map.of("window", WINDOW, "query", QUERY, "fold", FOLD, "json", JSON);

    private RealisticScripts() {
    }
}
