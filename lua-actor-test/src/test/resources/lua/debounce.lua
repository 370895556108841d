-- Collects events and reports how many arrived once none came for five minutes (300 s).
local s = ctx.state
if type(ctx.msg) == "table" and ctx.msg.fire then
  if ctx.msg.fire == s.generation then
    ctx.do_send("out", {events = s.count})
    s.count = 0
  end
  return
end
s.count = (s.count or 0) + 1
s.generation = (s.generation or 0) + 1
ctx.notify_later({fire = s.generation}, 300)
return s.count
