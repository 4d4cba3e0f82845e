#!/usr/bin/env bash
# Smoke test of a running node: the analysis features and field types the
# project relies on. Usage:
#   search/dev_node/smoke_test.sh [URL]     (default: the URL written by start.sh)
# Exits non-zero on the first failure. Creates and deletes index "smoke-test".
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$ENGINE_DIR/../.." && pwd -P)"
RUN_DIR="${OPENSEARCH_RUN_DIR:-$REPO_ROOT/.cache/opensearch/run}"
URL="${1:-$(cat "$RUN_DIR/node.url" 2>/dev/null || true)}"
[ -n "$URL" ] || { echo "no URL given and no running node" >&2; exit 1; }
IDX="$URL/smoke-test"

req() {  # req METHOD URL [JSON]
    local out
    if [ $# -ge 3 ]; then
        out="$(curl -sS -X "$1" "$2" -H 'Content-Type: application/json' -d "$3" -w '\n%{http_code}')"
    else
        out="$(curl -sS -X "$1" "$2" -w '\n%{http_code}')"
    fi
    local code="${out##*$'\n'}"
    local body="${out%$'\n'*}"
    if [ "$code" -ge 300 ]; then
        echo "FAILED: $1 $2 -> HTTP $code" >&2
        echo "$body" >&2
        exit 1
    fi
    printf '%s\n' "$body"
}
check() {  # check NAME JSON PYTHON-EXPR(d)
    if python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if ($2) else 1)" "$3" ; then
        echo "ok   $1"
    else
        echo "FAIL $1: $3" >&2
        exit 1
    fi
}

root="$(req GET "$URL/")"
check "GET / distribution=opensearch" "d['version'].get('distribution')=='opensearch'" "$root"
echo "     version $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["version"]["number"])' "$root")"

curl -sS -o /dev/null -X DELETE "$IDX" || true
req PUT "$IDX" '{
  "settings": {
    "number_of_shards": 1,
    "analysis": {
      "filter": {
        "fr_elision": {"type": "elision", "articles_case": true,
                       "articles": ["l","m","t","qu","n","s","j","d","c","jusqu","quoiqu","lorsqu","puisqu"]},
        "edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "syn": {"type": "synonym_graph", "synonyms": ["fiets, rijwiel", "voiture, auto"]},
        "decomp": {"type": "dictionary_decompounder", "word_list": ["fiets", "pad", "wiel"]}
      },
      "analyzer": {
        "fr_folded": {"type": "custom", "tokenizer": "standard",
                      "filter": ["fr_elision", "lowercase", "asciifolding"]},
        "autocomplete": {"type": "custom", "tokenizer": "standard",
                         "filter": ["lowercase", "asciifolding", "edge"]},
        "nl_compound": {"type": "custom", "tokenizer": "standard",
                        "filter": ["lowercase", "decomp"]},
        "nl_search_syn": {"type": "custom", "tokenizer": "standard",
                          "filter": ["lowercase", "syn"]}
      }
    }
  },
  "mappings": {
    "properties": {
      "title_fr": {"type": "text", "analyzer": "french",
                   "fields": {"folded": {"type": "text", "analyzer": "fr_folded"}}},
      "title_nl": {"type": "text", "analyzer": "dutch",
                   "fields": {"compound": {"type": "text", "analyzer": "nl_compound",
                                           "search_analyzer": "nl_search_syn"}}},
      "title_ac": {"type": "text", "analyzer": "autocomplete", "search_analyzer": "standard"},
      "suggest": {"type": "search_as_you_type"},
      "location": {"type": "geo_point"}
    }
  }
}' >/dev/null
echo "ok   create index (french, dutch, asciifolding, elision, edge_ngram, synonym_graph, dictionary_decompounder, geo_point, search_as_you_type)"

a="$(req POST "$IDX/_analyze" '{"analyzer": "fr_folded", "text": "L'\''été à Montréal"}')"
check "analyze elision+asciifolding" "[t['token'] for t in d['tokens']]==['ete','a','montreal']" "$a"
a="$(req POST "$IDX/_analyze" '{"analyzer": "nl_compound", "text": "fietspad"}')"
check "analyze dictionary_decompounder" "{'fietspad','fiets','pad'} <= {t['token'] for t in d['tokens']}" "$a"
a="$(req POST "$IDX/_analyze" '{"analyzer": "nl_search_syn", "text": "rijwiel"}')"
check "analyze synonym_graph" "{'fiets','rijwiel'} <= {t['token'] for t in d['tokens']}" "$a"
a="$(req POST "$IDX/_analyze" '{"analyzer": "autocomplete", "text": "Église"}')"
check "analyze edge_ngram" "[t['token'] for t in d['tokens']][:3]==['eg','egl','egli']" "$a"
a="$(req POST "$IDX/_analyze" '{"analyzer": "french", "text": "les chevaux"}')"
check "analyze french" "[t['token'] for t in d['tokens']]==['cheval']" "$a"
a="$(req POST "$IDX/_analyze" '{"analyzer": "dutch", "text": "de fietsen"}')"
check "analyze dutch" "[t['token'] for t in d['tokens']]==['fiets']" "$a"

req PUT "$IDX/_doc/1?refresh=true" '{"title_fr": "L'\''église de Montréal", "title_nl": "Het fietspad langs de kerk",
  "title_ac": "Église Saint-Jacques", "suggest": "Église Saint-Jacques de Montréal",
  "location": {"lat": 45.5017, "lon": -73.5673}}' >/dev/null
req PUT "$IDX/_doc/2?refresh=true" '{"title_fr": "Le musée de Paris", "title_nl": "Het museum",
  "title_ac": "Musée du Louvre", "suggest": "Musée du Louvre",
  "location": {"lat": 48.8606, "lon": 2.3376}}' >/dev/null
echo "ok   index 2 docs"

s="$(req POST "$IDX/_search" '{
  "query": {"multi_match": {"query": "eglise montreal", "fields": ["title_fr", "title_fr.folded"]}},
  "highlight": {"fields": {"title_fr": {}, "title_fr.folded": {}}},
  "sort": [{"_geo_distance": {"location": {"lat": 48.85, "lon": 2.35}, "order": "asc", "unit": "km"}}]
}')"
check "search + highlight + geo_distance sort" \
  "d['hits']['hits'][0]['_id']=='1' and '<em>' in json.dumps(d['hits']['hits'][0]['highlight']) and d['hits']['hits'][0]['sort'][0] > 5000" "$s"
s="$(req POST "$IDX/_search" '{"query": {"match": {"title_nl.compound": "rijwiel"}}}')"
check "search synonym+decompound (rijwiel -> fietspad)" "d['hits']['total']['value']==1" "$s"
s="$(req POST "$IDX/_search" '{"query": {"match": {"title_ac": "egl"}}}')"
check "search edge_ngram autocomplete" "[h['_id'] for h in d['hits']['hits']]==['1']" "$s"
s="$(req POST "$IDX/_search" '{"query": {"multi_match": {"query": "musée du lo", "type": "bool_prefix",
  "fields": ["suggest", "suggest._2gram", "suggest._3gram"]}}}')"
check "search search_as_you_type" "d['hits']['hits'][0]['_id']=='2'" "$s"
s="$(req POST "$IDX/_search" '{"query": {"geo_distance": {"distance": "50km", "location": {"lat": 45.5, "lon": -73.6}}}}')"
check "geo_distance filter" "[h['_id'] for h in d['hits']['hits']]==['1']" "$s"

req DELETE "$IDX" >/dev/null
echo "ok   delete index"
echo "smoke test: all checks passed"
