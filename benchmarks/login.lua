-- wrk script: each connection alternates POST /demo/code (what wx.login() gives a
-- mini-program, from the sample's embedded simulator) and POST /wx/login with that code.
-- Logins per second = half the request rate.
local code = nil
local n = 0

function init(args)
  n = 0
end

request = function()
  if code == nil then
    n = n + 1
    local openid = "o-load-" .. tostring(math.random(1, 100000)) .. "-" .. n
    return wrk.format("POST", "/demo/code", {["Content-Type"] = "application/json"},
      '{"openid":"' .. openid .. '"}')
  end
  local body = '{"code":"' .. code .. '"}'
  code = nil
  return wrk.format("POST", "/wx/login", {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  local c = body:match('"code":"([^"]+)"')
  if c ~= nil then
    code = c
  end
  if status ~= 200 then
    io.write("unexpected status " .. status .. "\n")
  end
end
