-- Replies with a greeting; "boom" raises a Lua error; "pause" keeps it busy until the test opens its gate, then fails.
if ctx.msg == 'boom' then
  error('kaboom')
end
if ctx.msg == 'pause' then
  hold() error('paused')
end
local who = type(ctx.msg) == 'table' and ctx.msg.name or ctx.msg
return 'hi ' .. tostring(who)
