-- a nested module: require('text.upper')
local M = {}

function M.shout(s)
  return string.upper(s) .. '!'
end

return M
