-- Replies with a greeting; "boom" raises a Lua error; "pause" keeps it busy until its handler timeout.
if ctx.msg == 'boom' then
  error('kaboom')
end
if ctx.msg == 'pause' then
  while true do end
end
local who = type(ctx.msg) == 'table' and ctx.msg.name or ctx.msg
return 'hi ' .. tostring(who)
