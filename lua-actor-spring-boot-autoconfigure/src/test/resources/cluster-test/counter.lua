-- A cluster actor: its count is committed to the cluster's state map after each message.
local s = ctx.state
if ctx.msg == 'get' then return s.n or 0 end
s.n = (s.n or 0) + 1
return s.n
