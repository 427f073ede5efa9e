#!/usr/bin/env python3
"""Counts public API elements without a Javadoc comment of their own, per module.

Usage: python3 .ci/javadoc_gaps.py [--list] [--tags] [--root DIR] [module ...]

Counted: public (or interface-member) methods and constructors, compact record constructors,
and public types, in public types of src/main/java. Methods marked @Override are counted
apart: javadoc copies the overridden method's comment, so they need none. Also reports the
packages that lack a package-info.java. With --tags, also counts documented methods whose comment
misses an @param for one of its parameters or the @return of a non-void method. A light parser (comments, strings, braces), not javac:
good enough for counting, and needs nothing beyond Python.
"""
import argparse
import os
import re
import sys

LIBRARY_MODULES = ["core", "direct", "solvers", "precond", "learned-precond", "mesh", "datasets"]
TYPE_WORD = re.compile(r"\b(class|interface|enum|record)\b")
ANNOTATION = re.compile(r"@(?!interface\b)[\w.]+(\s*\((?:[^()]|\([^()]*\))*\))?")


def scan(text):
    """Yields (kind, value, line) events: 'doc', 'open', 'close', 'semi', 'text'."""
    i, n, line = 0, len(text), 1
    buf, buf_line = [], 1
    while i < n:
        c = text[i]
        if text.startswith("/**", i) and not text.startswith("/**/", i):
            end = text.find("*/", i + 3)
            end = n if end < 0 else end + 2
            yield ("doc", text[i:end], line)
            line += text.count("\n", i, end)
            i = end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            line += text.count("\n", i, end)
            buf.append('""')
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            buf.append(c + c)
            i = j + 1
            continue
        if c in "{};":
            if buf:
                yield ("text", "".join(buf), buf_line)
                buf = []
            yield ({"{": "open", "}": "close", ";": "semi"}[c], None, line)
            i += 1
            continue
        if c == "\n":
            line += 1
        if not buf and not c.isspace():
            buf_line = line
        if buf or not c.isspace():
            buf.append(c)
        i += 1
    if buf:
        yield ("text", "".join(buf), buf_line)


class Frame:
    def __init__(self, kind, name="", public=False, interface=False):
        self.kind = kind          # 'type' or 'other'
        self.name = name
        self.public = public      # reachable from outside the package
        self.interface = interface
        self.first_segment = True


def classify(header, frame):
    """('type', name) | ('method', name) | ('field', None) | (None, None) for a member header."""
    h = ANNOTATION.sub(" ", header).strip()
    if not h:
        return None, None
    m = TYPE_WORD.search(h)
    if m and "=" not in h[: m.start()] and "(" not in h[: m.start()]:
        rest = h[m.end():].split()
        return "type", (rest[0].split("<")[0].split("(")[0] if rest else "?")
    paren = h.find("(")
    if paren >= 0 and "=" not in h[:paren] and "->" not in h:
        before = h[:paren].split()
        if before and re.fullmatch(r"[\w$]+", before[-1]) and before[-1] not in ("if", "for", "while",
                                                                                "switch", "catch", "synchronized", "return", "new"):
            return "method", before[-1]
    if frame.kind == "type" and re.fullmatch(r"(public\s+|protected\s+|private\s+)?" + re.escape(frame.name), h):
        return "method", frame.name  # compact record constructor
    return "field", None


def is_public(header, frame):
    words = ANNOTATION.sub(" ", header).split()
    if "private" in words:
        return False
    return "public" in words or frame.interface


def analyse(path, with_header=False):
    """(kind, name, line, documented, override) per public element; with_header adds its header text."""
    text = open(path, encoding="utf-8").read()
    stack = [Frame("type", public=True)]  # the compilation unit
    header, header_line, doc = "", 0, False
    results = []  # (kind, name, line, documented, override)

    def member(end_kind):
        nonlocal header, doc
        frame = stack[-1]
        h = header.strip()
        kind, name = (None, None)
        if frame.kind == "type" and h:
            if frame.first_segment and getattr(frame, "enum", False):
                kind = "constants"
            else:
                kind, name = classify(h, frame)
        frame.first_segment = False
        pub = frame.public and kind in ("type", "method") and is_public(h, frame)
        if pub:
            override = "@Override" in h
            results.append((kind, name, header_line, doc, override) + ((h,) if with_header else ()))
        opened = None
        if end_kind == "open":
            if kind == "type":
                words = ANNOTATION.sub(" ", h).split()
                opened = Frame("type", name, public=frame.public and is_public(h, frame),
                               interface=bool(re.search(r"\binterface\b", h)))
                opened.enum = bool(re.search(r"\benum\b", h))
            else:
                opened = Frame("other")
        header, doc = "", False
        return opened

    for kind, value, line in scan(text):
        if kind == "doc":
            if stack[-1].kind == "type":
                doc = value
        elif kind == "text":
            if not header.strip():
                header_line = line
            header += " " + value
        elif kind == "semi":
            if stack[-1].kind == "type":
                member("semi")
        elif kind == "open":
            if stack[-1].kind == "type":
                stack.append(member("open"))
            else:
                stack.append(Frame("other"))
                header = ""
        elif kind == "close":
            if stack[-1].kind == "type":
                header, doc = "", False
            if len(stack) > 1:
                stack.pop()
            header = ""
    return results


def parameter_list(header):
    """(type, name) of each parameter of a method header, annotations stripped; None without a list."""
    h = ANNOTATION.sub(" ", header)
    start = h.find("(")
    if start < 0:
        return None
    depth, end = 0, len(h)
    for i in range(start, len(h)):
        if h[i] == "(":
            depth += 1
        elif h[i] == ")":
            depth -= 1
            if depth == 0:
                end = i
                break
    inner, depth, cur, parts = h[start + 1:end], 0, "", []
    for c in inner:
        depth += c == "<"
        depth -= c == ">"
        if c == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    if cur.strip():
        parts.append(cur)
    out = []
    for part in parts:
        words = part.replace("final ", " ").split()
        if words:
            out.append((" ".join(words[:-1]) if len(words) > 1 else words[0], words[-1].lstrip(".")))
    return out


def param_names(header):
    """Parameter names of a method header, or None without a parameter list."""
    params = parameter_list(header)
    return None if params is None else [name for _, name in params]


def missing_tags(name, header, doc):
    """The @param names and '@return' a documented method's comment lacks."""
    names = param_names(header)
    if names is None or "{@inheritDoc}" in doc:
        return []
    missing = [n for n in names if not re.search(r"@param\s+" + re.escape(n) + r"\b", doc)]
    before = ANNOTATION.sub(" ", header)[: ANNOTATION.sub(" ", header).find("(")].split()
    returns = len(before) >= 2 and before[-2] != "void" and before[-2] not in ("public", "protected", "static",
                                                                               "final", "default", "abstract")
    if returns and "@return" not in doc:
        missing.append("@return")
    return missing


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*", default=LIBRARY_MODULES)
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    ap.add_argument("--list", action="store_true", help="print each undocumented element")
    ap.add_argument("--tags", action="store_true", help="also count missing @param/@return in documented methods")
    args = ap.parse_args()
    totals = [0, 0, 0, 0, 0, 0]
    print(f"{'module':18} {'methods':>8} {'no doc':>7} {'@Override':>9} {'types':>6} {'no doc':>7}  packages without package-info")
    for module in args.modules:
        src = os.path.join(args.root, module, "src", "main", "java")
        if not os.path.isdir(src):
            print(f"{module:18} (no sources)")
            continue
        methods = missing = overrides = types = types_missing = untagged = 0
        no_info = []
        for dirpath, _, files in sorted(os.walk(src)):
            java = sorted(f for f in files if f.endswith(".java") and f != "package-info.java")
            if java and "package-info.java" not in files:
                no_info.append(os.path.relpath(dirpath, src).replace(os.sep, "."))
            for f in java:
                path = os.path.join(dirpath, f)
                for kind, name, line, documented, override, header in analyse(path, with_header=True):
                    rel = os.path.relpath(path, args.root)
                    if kind == "type":
                        types += 1
                        if not documented:
                            types_missing += 1
                            if args.list:
                                print(f"  {rel}:{line}: type {name}")
                    elif override:
                        overrides += 1
                    else:
                        methods += 1
                        if not documented:
                            missing += 1
                            if args.list:
                                print(f"  {rel}:{line}: {name}()")
                        elif args.tags:
                            lack = missing_tags(name, header, documented)
                            if lack:
                                untagged += 1
                                if args.list:
                                    print(f"  {rel}:{line}: {name}() lacks {' '.join(lack)}")
        tags = f"  {untagged} lack @param/@return" if args.tags else ""
        print(f"{module:18} {methods:8} {missing:7} {overrides:9} {types:6} {types_missing:7}  {' '.join(no_info) or '-'}{tags}")
        for k, v in enumerate((methods, missing, overrides, types, types_missing, untagged)):
            totals[k] += v
    tags = f"  {totals[5]} lack @param/@return" if args.tags else ""
    print(f"{'total':18} {totals[0]:8} {totals[1]:7} {totals[2]:9} {totals[3]:6} {totals[4]:7}{tags}")


if __name__ == "__main__":
    sys.exit(main())
