#!/usr/bin/env python3
"""Adds or updates page texts in a module's resources: the English (neutral) file and the Chinese one.

    scripts/resx.py src/Bazaar/Catalog/CatalogText 'Add to cart=加入购物车' 'Out of stock=缺货'
    scripts/resx.py src/Bazaar/Catalog/CatalogText --from pairs.tsv   # key<TAB>中文 [<TAB>English]

The key is the English text (what an English page shows unless a third column says otherwise).
Creates both .resx files when missing; keeps the entries sorted so two branches rarely collide.
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def load(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}

def save(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(entries, key=lambda s: s.lower()):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write("</root>\n")

def main(argv):
    if len(argv) < 2:
        print(__doc__); return 2
    base, rest = argv[0], argv[1:]
    pairs = []
    if rest[0] == "--from":
        for line in open(rest[1], encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip(): continue
            cols = line.split("\t")
            pairs.append((cols[0], cols[1], cols[2] if len(cols) > 2 else cols[0]))
    else:
        for a in rest:
            k, zh = a.split("=", 1)
            pairs.append((k, zh, k))
    en, cn = load(base + ".resx"), load(base + ".zh-CN.resx")
    for k, zh, english in pairs:
        en[k] = english; cn[k] = zh
    save(base + ".resx", en); save(base + ".zh-CN.resx", cn)
    print(f"{base}: {len(en)} texts")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
