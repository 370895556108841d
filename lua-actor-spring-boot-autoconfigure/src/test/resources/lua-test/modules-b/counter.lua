-- each actor VM gets its own copy of this table
local M = {n = 0}

function M.next()
  M.n = M.n + 1
  return M.n
end

return M
