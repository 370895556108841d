-- "arm" sets a reminder an hour ahead; when it rings, the "bell" recipient hears it.
if ctx.msg == "arm" then
  ctx.notify_later("ring", 3600)
  return "armed"
end
ctx.do_send("bell", "ring")
