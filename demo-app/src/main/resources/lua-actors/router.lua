-- router: receives every event {sensor = "s-17", value = 21.4} and forwards it to that sensor's
-- window actor, started on first sight with ctx.new_actor. Replies with the window actor's name.
-- Send it "sensors" to list the sensors it knows.
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

if type(msg) ~= "table" then
  error("router expects an event {sensor = <name>, value = <number>}, got a " .. type(msg))
end
local sensor, value = msg.sensor, msg.value
if type(sensor) ~= "string" or #sensor > 40 or not sensor:match("^[%w_-]+$") then
  error("sensor must be a name of letters, digits, '-' or '_', got " .. tostring(sensor))
end
if type(value) ~= "number" then
  error("value must be a number, got " .. tostring(value))
end

local window = windows[sensor]
if window == nil then
  local known = ctx.state.sensors or 0
  if known >= 1000 then   -- one actor per sensor: bound what POST /events can create
    error("too many sensors: the demo follows at most 1000")
  end
  window = ctx.new_actor("window", "window-" .. sensor)
  windows[sensor] = window
  ctx.state.sensors = known + 1
  ctx.log.info("first event from " .. sensor .. ": started " .. window)
end
ctx.do_send(window, {sensor = sensor, value = value})
return window
