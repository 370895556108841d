-- A shared module on the class path: required as 'shared.greeting'.
local M = {}

function M.greet(name)
  return 'Hello, ' .. name .. '!'
end

return M
