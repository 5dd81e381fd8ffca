-- wrk script (Benchmarks/HTTP/run.sh): sustained likes, `PUT /v1/videos/{id}/like` as many users.
-- Arguments after `--`: a file of bearer tokens, a file of video IDs, the number of wrk threads.
-- Request n (counted across threads) likes video floor(n / #tokens) as user n % #tokens, so every
-- request writes a new (user, video) like until tokens × videos requests have been made; after that
-- the pairs repeat, and a repeated like is an idempotent no-op that still answers 200.
local tokens, videos = {}, {}
local counter, threads = 0, 1
local made = 0

function setup(thread)
  made = made + 1
  thread:set("thread_number", made)
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for line in io.lines(args[2]) do videos[#videos + 1] = line end
  threads = tonumber(args[3]) or 1
end

function request()
  local n = counter * threads + (thread_number or 1) - 1
  counter = counter + 1
  local token = tokens[n % #tokens + 1]
  local video = videos[math.floor(n / #tokens) % #videos + 1]
  return wrk.format("PUT", "/v1/videos/" .. video .. "/like", { ["Authorization"] = "Bearer " .. token }, nil)
end
