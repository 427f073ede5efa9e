#!/usr/bin/env python3
"""Lists public constructors and methods whose parameters are easy to pass in the wrong order.

Usage: python3 .ci/public_signatures.py [--all] [--root DIR] [module ...]

Flagged (issue #23, "no bare booleans or positional ints in public signatures"): a parameter of
type boolean, or two parameters of one numeric primitive type (int, long, double, float, short):
the calls where swapping two arguments still compiles. A withX(boolean) copy is not flagged: its
name says what the flag means. @Deprecated members are counted apart (kept for old callers).
Scanned: src/main/java of the library modules (bench and cli are applications; gpu's kernel
launch code passes the kernels' own argument lists). Record components are not listed: a
record's canonical constructor is the record, and callers use its defaults() and withX copies.
Entries in .ci/public_signatures.allow (one "path: header-prefix  # why" a line) are justified and
reported apart; --all prints them too. Exit status 0 always: this is an audit, not a gate.
Uses the light parser of javadoc_gaps.py.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from javadoc_gaps import analyse, parameter_list  # noqa: E402

MODULES = ["core", "direct", "solvers", "precond", "learned-precond", "mesh", "datasets", "auto", "gpu",
           "learned-gpu", "spark"]
NUMERIC = {"int", "long", "double", "float", "short"}


def parameters(header):
    """The parameter types of a method header, or None when it has no parameter list."""
    params = parameter_list(header)
    return None if params is None else [t for t, _ in params]


def flagged(name, types):
    if types is None:
        return False
    if types == ["boolean"] and re.fullmatch(r"with[A-Z]\w*", name):
        return False
    return "boolean" in types or any(types.count(t) > 1 for t in NUMERIC)


def load_allow(root):
    allow = []
    path = os.path.join(root, ".ci", "public_signatures.allow")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, why = line.partition("#")
                file, _, prefix = key.strip().partition(":")
                allow.append((file.strip(), prefix.strip(), why.strip()))
    return allow


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*", default=MODULES)
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    ap.add_argument("--all", action="store_true", help="also print the justified entries")
    args = ap.parse_args()
    allow = load_allow(args.root)
    open_count = justified = deprecated = 0
    for module in args.modules:
        src = os.path.join(args.root, module, "src", "main", "java")
        for dirpath, _, files in sorted(os.walk(src)):
            for f in sorted(files):
                if not f.endswith(".java") or f == "package-info.java":
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, args.root)
                for kind, name, line, _, override, header in analyse(path, with_header=True):
                    if kind != "method" or override:
                        continue
                    types = parameters(header)
                    if not flagged(name, types):
                        continue
                    if "@Deprecated" in header:
                        deprecated += 1
                        if args.all:
                            print(f"{rel}:{line}: {name}({', '.join(types)})  [deprecated]")
                        continue
                    sig = f"{name}({', '.join(types)})"
                    why = next((w for file, prefix, w in allow if rel.endswith(file) and sig.startswith(prefix)), None)
                    if why is None:
                        open_count += 1
                        print(f"{rel}:{line}: {sig}")
                    else:
                        justified += 1
                        if args.all:
                            print(f"{rel}:{line}: {sig}  [justified: {why}]")
    print(f"flagged: {open_count} open, {justified} justified, {deprecated} deprecated")


if __name__ == "__main__":
    sys.exit(main())
