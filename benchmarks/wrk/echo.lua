-- wrk script for workload 5: POST /echo with a 4 KiB binary body (every byte value, repeating).
-- The body that comes back is checked by ResponseCheck before the load; wrk checks the status.
local bytes = {}
for i = 0, 4095 do
  bytes[#bytes + 1] = string.char(i % 256)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.body = table.concat(bytes)
