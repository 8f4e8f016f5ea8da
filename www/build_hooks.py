"""Trunk post-build hook (runs in the project root; Trunk sets TRUNK_STAGING_DIR).

0. Drops the comments and indentation of the shipped JavaScript and CSS (the sources keep them),
   and writes the changed files' new SRI hashes into index.html.
1. Stamps sw.js with a version derived from the build's files and the list of files to precache.
2. Writes icans-calc-standalone.html: one self-contained page (CSS, JS glue and the wasm inlined)
   that works when opened from disk (file://), where the normal dist cannot load its module. Its
   Content-Security-Policy allows exactly its own inline script and style by SHA-256 hash.
"""
import base64
import hashlib
import json
import os
import pathlib
import re

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
STANDALONE = "icans-calc-standalone.html"
index_path = staging / "index.html"
index = index_path.read_text(encoding="utf-8")


def attr(pattern):
    m = re.search(pattern, index)
    if not m:
        raise SystemExit(f"build_hooks: pattern not found in index.html: {pattern}")
    return m.group(1)


# --- 0. shipped text without comments --------------------------------------------------------
# Every precached byte is downloaded on a first visit (issue 11: first visit <= 200 KB gzip). The
# comments that explain the JavaScript and CSS stay in www/ and in wasm-bindgen's sources; the
# browser needs neither them nor the indentation. Only whole lines change: a line that is a
# comment goes, every other line loses its leading and trailing blanks; nothing inside a line is
# rewritten, so no statement, string or selector can change. A file where a line could be part of
# a string (a template literal or a string continued over lines) is shipped as it is.


def _drop_block_comment_lines(lines, line_comment):
    out, in_block = [], False
    for line in lines:
        t = line.strip()
        if in_block:
            end = t.find("*/")
            if end < 0:
                continue
            in_block, t = False, t[end + 2:].strip()
        elif t.startswith("/*"):
            end = t.find("*/", 2)
            if end < 0:
                in_block = True
                continue
            t = t[end + 2:].strip()
        elif line_comment and t.startswith("//"):
            continue
        if t:
            out.append(t)
    return out


def trimmed_js(text):
    lines = text.split("\n")
    if any(line.count("`") % 2 or line.rstrip().endswith("\\") for line in lines):
        return None
    return "\n".join(_drop_block_comment_lines(lines, True)) + "\n"


def trimmed_css(text):
    # CSS has no line comments, and a string cannot span lines without a trailing backslash; a
    # comment is only recognised where a line starts with it, so a "/*" in a string is left alone.
    lines = text.split("\n")
    if any(line.rstrip().endswith("\\") for line in lines):
        return None
    return "\n".join(_drop_block_comment_lines(lines, False)) + "\n"


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


for p in sorted(staging.rglob("*")):
    # The embedding example is there to be read by people writing an embedder: it keeps its comments.
    if not p.is_file() or p.suffix not in (".js", ".css") or p.name.startswith("embed-example"):
        continue
    text = p.read_text(encoding="utf-8")
    small = trimmed_js(text) if p.suffix == ".js" else trimmed_css(text)
    if small is None:
        print(f"build_hooks: {p.relative_to(staging)} shipped with its comments (a line may be in a string)")
        continue
    if small == text:
        continue
    old_sri, new_sri = sri(text.encode("utf-8")), sri(small.encode("utf-8"))
    p.write_text(small, encoding="utf-8")
    # Trunk wrote the file's integrity before this hook ran (modulepreload, stylesheet links).
    index = index.replace(f'integrity="{old_sri}"', f'integrity="{new_sri}"')


# --- 0b. short names for the functions the wasm imports from its glue ------------------------
# wasm-bindgen names each function the wasm imports from the JS glue after the Rust item and a
# 16-digit hash ("__wbg_getElementById_3f0c...e1"); each name is written twice, in the wasm's
# import section and as a key of the glue's import object, and the hashes do not compress: about
# 5 KB of the first visit's gzip. The names mean nothing to the browser (the glue hands the wasm
# one object; the wasm looks each function up by its name in it), so both files get short ones.
# Nothing else changes: a byte of code, an export or any other section. If the glue does not hold
# every name exactly once as a key, both files ship as wasm-bindgen wrote them.


def _leb(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _uleb(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def renamed_imports(wasm, glue_module, new_name):
    """The wasm with each import from `glue_module` renamed by `new_name(index, old)`, and the
    (old, new) pairs; None if the module is not what this expects (then nothing is renamed)."""
    if wasm[:8] != b"\0asm\x01\0\0\0":
        return None
    out, renames, at = bytearray(wasm[:8]), [], 8
    while at < len(wasm):
        start, section = at, wasm[at]
        size, body_at = _leb(wasm, at + 1)
        at = body_at + size
        if section != 2:  # only the import section changes
            out += wasm[start:at]
            continue
        body = wasm[body_at:at]
        count, i = _leb(body, 0)
        new_body = bytearray(_uleb(count))
        for k in range(count):
            length, i = _leb(body, i)
            module, i = body[i:i + length], i + length
            length, i = _leb(body, i)
            name, i = body[i:i + length].decode("utf-8"), i + length
            kind = body[i]
            if kind != 0:  # a function import; tables, memories and globals are not expected
                return None
            index, i = _leb(body, i + 1)
            if module == glue_module:
                renames.append((name, new_name(k, name)))
                name = renames[-1][1]
            encoded = name.encode("utf-8")
            new_body += _uleb(len(module)) + module + _uleb(len(encoded)) + encoded + bytes([kind]) + _uleb(index)
        if i != len(body):
            return None
        out += bytes([2]) + _uleb(len(new_body)) + new_body
    return bytes(out), renames


def short_import_names():
    js_path, wasm_path = staging / attr(r'data-js="\./([^"]+)"'), staging / attr(r'data-wasm="\./([^"]+)"')
    glue, wasm = js_path.read_text(encoding="utf-8"), wasm_path.read_bytes()
    # Indentation allowed: the glue keeps it when step 0 had to ship it as written.
    module = re.search(r'^\s*"(\./[^"]+_bg\.js)": import0,$', glue, flags=re.M)
    result = module and renamed_imports(wasm, module.group(1).encode("utf-8"), lambda k, _: f"__wbg_{k:x}")
    if not result:
        print("build_hooks: import names kept (the wasm or its glue is not laid out as expected)")
        return
    new_wasm, renames = result
    new_glue = glue
    for old, new in renames:
        key = re.compile(r"^(\s*)" + re.escape(old) + r": ", flags=re.M)
        if len(re.findall(r"\b" + re.escape(old) + r"\b", glue)) != 1 or not key.search(glue) \
                or re.search(r"\b" + re.escape(new) + r"\b", glue):
            print(f"build_hooks: import names kept ({old} is not one key of the glue's imports)")
            return
        new_glue = key.sub(lambda m: m.group(1) + new + ": ", new_glue)
    global index
    for old_bytes, new_bytes in ((glue.encode("utf-8"), new_glue.encode("utf-8")), (wasm, new_wasm)):
        index = index.replace(f'integrity="{sri(old_bytes)}"', f'integrity="{sri(new_bytes)}"')
    js_path.write_text(new_glue, encoding="utf-8")
    wasm_path.write_bytes(new_wasm)


short_import_names()
index_path.write_text(index, encoding="utf-8")

# --- 1. service worker -----------------------------------------------------------------------
files = sorted(p for p in staging.rglob("*") if p.is_file() and p.name not in ("sw.js", STANDALONE))
digest = hashlib.sha256()
for p in files:
    digest.update(p.relative_to(staging).as_posix().encode())
    digest.update(p.read_bytes())
version = "icans-calc-" + digest.hexdigest()[:16]
assets = ["./"] + ["./" + p.relative_to(staging).as_posix() for p in files]
sw = staging / "sw.js"
sw.write_text(
    sw.read_text(encoding="utf-8").replace("__VERSION__", version).replace("__ASSETS__", json.dumps(assets)),
    encoding="utf-8",
)

# --- 2. single-file page ---------------------------------------------------------------------
js_name = attr(r'data-js="\./([^"]+)"')
wasm_name = attr(r'data-wasm="\./([^"]+)"')
css_name = attr(r'<link rel="stylesheet" href="\./([^"]+\.css)"')
glue = (staging / js_name).read_text(encoding="utf-8")


# wasm-bindgen snippets (www/boundary.js: the JS API's input as text) are separate modules the
# glue imports; a page opened from disk cannot import them, so each goes inline in place of its
# import, in a function of its own so that its top-level names cannot clash with the glue's.
def inline_snippet(m):
    names = m.group(1).strip()
    code = (staging / m.group(2)).read_text(encoding="utf-8")
    code = re.sub(r"^export (function|const|let) ", r"\1 ", code, flags=re.M)
    return "const { " + names + " } = (() => {\n" + code + "\nreturn { " + names + " };\n})();"


glue = re.sub(r"^import \{([^}]*)\} from '\./(snippets/[^']+)';$", inline_snippet, glue, flags=re.M)
if "./snippets/" in glue:
    raise SystemExit("build_hooks: a snippet import was left in the single-file page")
wasm_b64 = base64.b64encode((staging / wasm_name).read_bytes()).decode("ascii")
css = (staging / css_name).read_text(encoding="utf-8")
icon = "data:image/svg+xml;base64," + base64.b64encode((staging / "icon.svg").read_bytes()).decode("ascii")

# The glue is an ES module; inline it as a module script and start it synchronously from the
# embedded bytes. initSync runs the wasm start function, which binds the page and publishes
# window.IcansCalc exactly as on the served page.
script = (
    glue
    + "\nconst __bytes = Uint8Array.from(atob('" + wasm_b64 + "'), (c) => c.charCodeAt(0));\n"
    + "initSync({ module: __bytes });\n"
)
if "</script" in script.lower():
    raise SystemExit("build_hooks: inlined script would close its own tag")


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


csp = (
    "default-src 'none'; script-src " + sha256(script) + " 'wasm-unsafe-eval'; style-src " + sha256(css)
    + "; style-src-attr 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)
page = index
page = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">',
              lambda _: '<meta http-equiv="Content-Security-Policy" content="' + csp + '">', page)
page = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>\s*', "", page)
page = re.sub(r'<link rel="stylesheet" href="\./[^"]+\.css"[^>]*>', lambda _: "<style>" + css + "</style>", page)
page = re.sub(r'<script defer src="\./boot\.js"[^>]*></script>', "", page)
page = re.sub(r'<link rel="manifest"[^>]*>\s*', "", page)
page = page.replace('href="icon.svg"', 'href="' + icon + '"').replace('src="icon.svg"', 'src="' + icon + '"')
page = page.replace('href="./icon.svg"', 'href="' + icon + '"').replace('src="./icon.svg"', 'src="' + icon + '"')
page = page.replace("</body>", '<script type="module">' + script + "</script>\n</body>")
page = page.replace('data-build="served"', 'data-build="standalone"')
(staging / STANDALONE).write_text(page, encoding="utf-8")
print(f"build_hooks: {version}, {len(assets)} precached files, {STANDALONE} {len(page) // 1024} KB")

# --- 3. stable module entry for ES-module embedders ------------------------------------------
# Trunk gives the glue and the wasm hashed names; icans-calc.js is a fixed name that re-exports
# the API and defaults init() to this build's wasm.
entry = (
    "// Stable entry point for ES-module embedders (written by www/build_hooks.py).\n"
    f"import init from './{js_name}';\n"
    f"export * from './{js_name}';\n"
    "export default function initIcansCalc(options) {\n"
    f"  return init(options ?? {{ module_or_path: new URL('./{wasm_name}', import.meta.url) }});\n"
    "}\n"
)
(staging / "icans-calc.js").write_text(entry, encoding="utf-8")

# --- 4. TypeScript types for embedders -------------------------------------------------------
# Beside icans-calc.js, so `import ... from '.../icans-calc.js'` is typed. Not precached: only
# embedders' build tools read it.
types_src = pathlib.Path(os.environ.get("TRUNK_SOURCE_DIR", ".")) / "icans-calc.d.ts"
if not types_src.is_file():
    types_src = pathlib.Path("www") / "icans-calc.d.ts"
(staging / "icans-calc.d.ts").write_text(types_src.read_text(encoding="utf-8"), encoding="utf-8")
