#!/usr/bin/env bash
# The path a library user takes, checked after the test suite by `./fanout test`:
#   1. install fanout-core and fanout-strategies (docs/library.md's one command);
#   2. build this example, whose pom depends on fanout-strategies by its coordinates;
#   3. run it in a plain JVM (no --enable-preview) and compare what it prints with what it must;
#   4. run it with structured: one line naming the flag, exit 2; and with the flag: the same outcomes.
# Our artifacts go to a local repository of their own (target/m2) read before ~/.m2 (Maven 3.9's
# maven.repo.local.tail), so a test run leaves ~/.m2 as it was and plugins come from there.
# Needs JAVA_HOME at a JDK 25 (./fanout exports it). About half a minute on 2 cores.
set -euo pipefail

example="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$example/../.." && pwd)"
java="$JAVA_HOME/bin/java"
repos=("-Dmaven.repo.local=$example/target/m2" "-Dmaven.repo.local.tail=$HOME/.m2/repository")

fail() {
  echo "library example: $*" >&2
  exit 1
}

# The example must ask for the version the build makes, or it would test an older install.
built=$(sed -n '/<artifactId>fanout-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$root/pom.xml")
asked=$(sed -n 's/.*<fanout.version>\(.*\)<\/fanout.version>.*/\1/p' "$example/pom.xml")
[ "$built" = "$asked" ] || fail "examples/library/pom.xml asks for fanout $asked, the build makes $built: set <fanout.version> to $built"

# The docs quote FetchAll.fetchAll: a fenced java block after "<!-- snippet: FetchAll.fetchAll"
# is the method line for line; one after "<!-- excerpt: FetchAll.fetchAll" is some of its lines, in
# order (a line "// ..." stands for lines left out). Indentation aside.
method=$(awk '/^    static void fetchAll\(/{inside=1} inside{print} inside && /^    }$/{exit}' \
  "$example/src/main/java/dev/fanout/examples/library/FetchAll.java" | sed 's/^    //')
[ -n "$method" ] || fail "no method fetchAll in FetchAll.java"

block_after() { # $1: marker, $2: file; prints the first fenced java block after the marker
  awk -v marker="$1" 'index($0, marker) == 1 {on=1; next} on && /^```java/{inside=1; next} inside && /^```/{exit} inside' "$2"
}

documented=$(block_after "<!-- snippet: FetchAll.fetchAll" "$root/docs/library.md")
[ -n "$documented" ] || fail "docs/library.md has no java block after <!-- snippet: FetchAll.fetchAll ... -->"
if [ "$documented" != "$method" ]; then
  diff <(echo "$documented") <(echo "$method") >&2 || true
  fail "docs/library.md's snippet differs from FetchAll.fetchAll (above: < docs, > source)"
fi
for page in "$root/README.md" "$root/docs/library.md"; do
  rest=$(echo "$method" | sed 's/^ *//')
  while IFS= read -r line; do
    line=$(echo "$line" | sed 's/^ *//')
    case "$line" in "" | "// ..."*) continue ;; esac
    rest=$(echo "$rest" | awk -v l="$line" 'found {print; next} $0 == l {found=1} END {exit !found}') ||
      fail "${page#"$root/"}: the excerpt of FetchAll.fetchAll has a line the method does not have there: $line"
  done < <(block_after "<!-- excerpt: FetchAll.fetchAll" "$page")
done

echo "library example: installing fanout-core and fanout-strategies, building examples/library" >&2
rm -rf "$example/target"
(cd "$root" && ./mvnw -B -ntp -q "${repos[@]}" -pl core,strategies -am install -DskipTests) ||
  fail "the install command of docs/library.md failed"
(cd "$example" && "$root/mvnw" -B -ntp -q "${repos[@]}" package) || fail "examples/library does not build"

# Runs the example jar with no JVM options but those given (none from the environment either).
run() {
  env -u JDK_JAVA_OPTIONS -u JAVA_TOOL_OPTIONS timeout 120 "$java" "$@"
}

expected_outcomes() { # $1: strategy
  for i in 0 1 2 3 4 6 7 8 9 10; do echo "$i: item $i"; done | sed '5a\
5: failed, HTTP 503 from http://127.0.0.1:PORT/items/5'
  echo "11: timed out after 5000 ms"
  echo "$1: 10 succeeded, 1 failed, 1 timed out, 0 cancelled, at most W running at once"
  echo "the server worked on at most W requests at once"
}

# The width is 4: a count above it is a broken promise, so only 1 to 4 become W.
normalized() {
  sed -e 's/127\.0\.0\.1:[0-9]*/127.0.0.1:PORT/g' -e 's/at most [1-4] \(running\|requests\)/at most W \1/'
}

check_outcomes() { # $1: strategy, then the JVM options
  local strategy="$1" out
  shift
  out=$(run "$@" -jar "$example/target/fanout-library-example.jar" "$strategy") ||
    fail "java $* -jar fanout-library-example.jar $strategy exited $?"
  if [ "$(echo "$out" | normalized)" != "$(expected_outcomes "$strategy")" ]; then
    diff <(expected_outcomes "$strategy") <(echo "$out" | normalized) >&2 || true
    fail "$strategy printed other outcomes than expected (above: < expected, > printed)"
  fi
}

check_outcomes semaphore
err=$(run -jar "$example/target/fanout-library-example.jar" structured 2>&1 >/dev/null) && status=0 || status=$?
[ "$status" = 2 ] || fail "structured without --enable-preview exited $status, not 2: $err"
[ "$err" = "fetch-all: strategy 'structured' uses the JDK 25 preview API StructuredTaskScope (JEP 505): run the JVM with --enable-preview, or pick another strategy" ] ||
  fail "structured without --enable-preview said: $err"
check_outcomes structured --enable-preview
echo "library example: installed, built and run without --enable-preview: outcomes as expected; structured needs the flag and says so" >&2
