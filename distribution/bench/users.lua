-- wrk script for distribution/bench/throughput-100k.sh: GET /recommendations?k=10 for users u00000..u09999 in turn
-- (the same spread of users as ServeLoad's open-loop run).
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/recommendations?k=10&user=u%05d", (counter * 7919) % 10000))
end
