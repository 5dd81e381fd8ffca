-- wrk script (Benchmarks/HTTP/run.sh): sustained watch events, `POST /v1/events` as many users.
-- Arguments after `--`: a file of bearer tokens, a file of video IDs, the number of wrk threads,
-- events per request (the batch a client sends), and a run label that keeps idempotency keys
-- unique across runs. Every event has its own key (run, thread, request, position), so every one is
-- stored: none is answered as a duplicate.
local tokens, videos = {}, {}
local counter, threads, batch, run = 0, 1, 1, "run"
local made = 0

function setup(thread)
  made = made + 1
  thread:set("thread_number", made)
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for line in io.lines(args[2]) do videos[#videos + 1] = line end
  threads = tonumber(args[3]) or 1
  batch = tonumber(args[4]) or 1
  run = args[5] or run
end

function request()
  local n = counter * threads + (thread_number or 1) - 1
  counter = counter + 1
  local events = {}
  for k = 0, batch - 1 do
    local video = videos[(n * batch + k) % #videos + 1]
    events[#events + 1] = string.format(
      '{"id":"%s-%d-%d-%d","videoID":"%s","watchedMs":%d,"durationMs":4000,"completed":%s}',
      run, thread_number or 1, counter, k, video, 1000 + (n + k) % 3000, ((n + k) % 3 == 0) and "true" or "false")
  end
  local body = '{"events":[' .. table.concat(events, ",") .. ']}'
  return wrk.format("POST", "/v1/events", {
    ["Authorization"] = "Bearer " .. tokens[n % #tokens + 1],
    ["Content-Type"] = "application/json",
  }, body)
end
