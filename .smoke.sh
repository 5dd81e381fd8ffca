set -x
rm -rf /tmp/cust-us; .build/debug/reel custodian serve --region us --data-dir /tmp/cust-us --port 21700 > /tmp/cust.out 2>&1 &
pid=$!
for i in $(seq 1 100); do curl -sf http://127.0.0.1:21700/healthz && break; sleep 0.2; done
cat /tmp/cust.out
cred=$(cat /tmp/cust-us/app-credential)
curl -s -XPOST http://127.0.0.1:21700/v1/keys -d '{"principal":{"kind":"service","role":"accounts","jurisdiction":"us"},"purpose":"account-creation","justification":"sign-up"}'; echo
k=$(curl -s -XPOST -H "Authorization: Bearer $cred" http://127.0.0.1:21700/v1/keys -d '{"principal":{"kind":"service","role":"accounts","jurisdiction":"us"},"purpose":"account-creation","justification":"sign-up"}'); echo $k
id=$(echo $k | python3 -c 'import json,sys; print(json.load(sys.stdin)["keyID"])')
curl -s -XPOST -H "Authorization: Bearer $cred" http://127.0.0.1:21700/v1/keys/$id/unwrap -d '{"principal":{"kind":"staff","role":"support","jurisdiction":"us"},"purpose":"support","justification":"ticket 1"}'; echo
curl -s -XPOST -H "Authorization: Bearer $cred" http://127.0.0.1:21700/v1/kek/rotate -d '{"principal":{"kind":"auditor","role":"auditor","jurisdiction":"us"},"purpose":"rotation","justification":"yearly"}'; echo
curl -s -XPOST -H "Authorization: Bearer $cred" http://127.0.0.1:21700/v1/keys/$id/destroy -d '{"principal":{"kind":"service","role":"accounts","jurisdiction":"us"},"purpose":"erasure","justification":"user request"}'; echo
curl -s -XPOST -H "Authorization: Bearer $cred" http://127.0.0.1:21700/v1/keys/$id/unwrap -d '{"principal":{"kind":"staff","role":"support","jurisdiction":"us"},"purpose":"support","justification":"ticket 1"}'; echo
curl -s http://127.0.0.1:21700/v1/audit/sth; echo
curl -s "http://127.0.0.1:21700/v1/audit/entries?start=0&end=3"; echo
.build/debug/reel audit verify --region us --url http://127.0.0.1:21700 --state /tmp/state-us.json
.build/debug/reel audit verify --region us --dir /tmp/cust-us/audit --state /tmp/state-us.json
ls -la /tmp/cust-us /tmp/cust-us/audit
kill $pid
