-- visits (profile "cluster" only): one count for the whole cluster. It is a cluster actor, so it lives on the
-- member that owns its partition and every member's "visits" bean reaches it there; its ctx.state is committed
-- to the cluster's replicated map after each message, so it survives the loss of that member.
-- Send it anything to count a visit, or "get" to read the count.
local s = ctx.state
if ctx.msg ~= "get" then
  s.n = (s.n or 0) + 1
end
return s.n or 0
