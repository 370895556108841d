-- events: the demo's rules for a sensor event, shared by router.lua and window.lua with require("events").
-- Each actor VM runs its own copy on its first require, so nothing here is shared between actors.
local events = {}

events.MAX_SENSOR_NAME = 40

-- Returns the sensor and value of an event {sensor = <name>, value = <number>}, or raises an error naming
-- what is wrong (the caller's actor name is in the error the sender gets).
function events.check(msg, who)
  if type(msg) ~= "table" then
    error(who .. " expects an event {sensor = <name>, value = <number>}, got a " .. type(msg))
  end
  local sensor, value = msg.sensor, msg.value
  if type(sensor) ~= "string" or #sensor > events.MAX_SENSOR_NAME or not sensor:match("^[%w_-]+$") then
    error("sensor must be a name of letters, digits, '-' or '_', got " .. tostring(sensor))
  end
  if type(value) ~= "number" or value ~= value then
    error("value must be a number, got " .. tostring(value))
  end
  return sensor, value
end

return events
