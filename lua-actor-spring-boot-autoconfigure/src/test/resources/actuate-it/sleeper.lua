-- "pause" keeps the actor busy until its handler timeout aborts it; anything else is counted.
if ctx.msg == 'pause' then
  while true do end
end
ctx.state.n = (ctx.state.n or 0) + 1
return ctx.state.n
