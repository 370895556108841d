-- router: receives every event {sensor = "s-17", value = 21.4} and forwards it to that sensor's
-- window actor, started on first sight with ctx.new_actor. Replies with the window actor's name.
-- Send it "sensors" to list the sensors it knows. Events are checked by the shared module lua-modules/events.lua;
-- MAX_SENSORS (demo.max-sensors) comes from the app's LuaVmCustomizer.
local events = require("events")
local msg = ctx.msg
local windows = ctx.state.windows
if windows == nil then
  windows = {}
  ctx.state.windows = windows
end

if msg == "sensors" then
  local names = {}
  for sensor in pairs(windows) do
    names[#names + 1] = sensor
  end
  table.sort(names)
  return names
end

local sensor, value = assert(events.check(msg, "router"))

local window = windows[sensor]
if window == nil then
  local known = ctx.state.sensors or 0
  if known >= MAX_SENSORS then   -- one actor per sensor: bound what POST /events can create
    error("too many sensors: the demo follows at most " .. MAX_SENSORS .. ", so " .. sensor .. " is refused")
  end
  window = ctx.new_actor("window", "window-" .. sensor)
  windows[sensor] = window
  ctx.state.sensors = known + 1
  ctx.log.info("first event from " .. sensor .. ": started " .. window)
end
ctx.do_send(window, {sensor = sensor, value = value})
return window
