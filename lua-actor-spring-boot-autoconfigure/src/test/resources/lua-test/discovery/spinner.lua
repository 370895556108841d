-- burns about ctx.msg VM instructions
local x = 0
for i = 1, ctx.msg do x = x + i end
return x
