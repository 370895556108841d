-- Describes what it received, so tests can see how JSON arrived in Lua.
if type(ctx.msg) == 'table' then
  return { kind = 'table', n = ctx.msg.n and ctx.msg.n + 1, first = ctx.msg.list and ctx.msg.list[1] }
end
return { type(ctx.msg), ctx.msg }
