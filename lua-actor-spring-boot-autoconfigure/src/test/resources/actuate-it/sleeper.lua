-- "pause" keeps the actor busy until the test opens its gate (hold(), see Gates), then fails; anything else is counted.
if ctx.msg == 'pause' then
  hold() error('paused')
end
ctx.state.n = (ctx.state.n or 0) + 1
return ctx.state.n
