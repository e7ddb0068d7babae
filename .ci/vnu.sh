# Sourced by .ci/run: the Nu Html Checker (vnu.jar, from the npm registry) for the back-office
# HTML test (tests/mce_site/test_back_office_html.py). Needs Java and npm; without them the
# test says it is skipped. VNU_JAR set by the caller wins.
VNU_VERSION=26.9.27
if [ -z "${VNU_JAR:-}" ] && command -v java >/dev/null && command -v npm >/dev/null; then
  jar="var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
  [ -f "$jar" ] || npm install --silent --no-audit --no-fund --prefix var/vnu "vnu-jar@$VNU_VERSION" >/dev/null
  [ -f "$jar" ] && export VNU_JAR="$PWD/$jar"
fi
