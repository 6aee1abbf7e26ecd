-- wrk script for workload 4: sixteen GET / written at once on each connection; wrk counts every
-- response (after wrk's own scripts/pipeline.lua).
local depth = 16

init = function(args)
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format("GET", "/")
  end
  batch = table.concat(requests)
end

request = function()
  return batch
end
