-- wrk script: GET /api/me with a bearer taken round-robin from a file of distinct tokens
-- (one per line, made by MintTokens with the app's key), each thread starting elsewhere.
-- TOKENS=path wrk -s benchmarks/tokens.lua ...
local tokens = {}
local i = 0

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    tokens[#tokens + 1] = line
  end
  i = math.random(1, #tokens)
end

request = function()
  i = i + 1
  if i > #tokens then
    i = 1
  end
  return wrk.format("GET", "/api/me", {["Authorization"] = "Bearer " .. tokens[i]})
end

response = function(status, headers, body)
  if status ~= 200 then
    io.write("unexpected status " .. status .. "\n")
  end
end
