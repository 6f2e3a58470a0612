-- wrk script for Benchmarks/multi-instance.py: each request is a registration (POST /o/client/register with the
-- statement in $STATEMENT) or, when a registration's credentials are waiting, a client_credentials token request with
-- them — so the mix is one token per registration, the flow every client goes through.
local statement = os.getenv("STATEMENT")
local device = os.getenv("DEVICE")
local waiting = {}

function request()
  local credentials = table.remove(waiting)
  if credentials then
    return wrk.format("POST", "/o/client/token", { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Device-Info"] = device },
      "grant_type=client_credentials&client_id=" .. credentials.id .. "&client_secret=" .. credentials.secret)
  end
  return wrk.format("POST", "/o/client/register", { ["Content-Type"] = "application/json", ["X-Device-Info"] = device },
    '{"software_statement":"' .. statement .. '"}')
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"client_id":"([^"]+)"')
    local secret = body:match('"client_secret":"([^"]+)"')
    if id and secret then table.insert(waiting, { id = id, secret = secret }) end
  end
end
