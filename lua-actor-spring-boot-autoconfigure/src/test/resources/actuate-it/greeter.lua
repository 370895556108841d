-- Replies with a greeting; "boom" raises a Lua error.
if ctx.msg == 'boom' then
  error('kaboom')
end
return 'hi ' .. tostring(ctx.msg)
