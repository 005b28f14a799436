"""Articles written for these tests (fictional), and builders for HTML, WARC, feeds and JSONL."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

TITLE = "Marovian ministry denies shipping rifles to northern rebels"
PARAGRAPHS = [
    "The foreign ministry of Marovia on Tuesday denied that it had shipped rifles to rebels in "
    "the northern province of Velt, calling a report by the Daily Lantern \u201cpure invention.\u201d",
    "\u201cWe have never supplied weapons to any party in this conflict,\u201d ministry spokeswoman "
    "Ilse Varga told reporters in the capital.",
    "Two officials in the neighbouring republic of Ostrava, speaking on condition of anonymity, "
    "said crates bearing Marovian army markings had been seen near the border in March.",
    "The rebel commander Tomas Reyl said his fighters bought their weapons on the black market.",
    "Analysts at the Institute for Regional Security said the evidence was thin but could not be "
    "dismissed.",
]

ARTICLE_TEXT = "\n\n".join(
    [
        "Stay up to date with notifications from The Lantern",
        "Notifications can be managed in browser preferences.",
        TITLE,
        "Monday 3 May 2021 09:15 BST",
        "By Anna Kowalczyk",
        "Comments",
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        "Rebels in the hills above Velt (AFP/Getty Images)",
        "Your support helps us to tell the story",
        "Independent reporting costs money. Every contribution funds our journalists in the field.",
        "Your support makes all the difference.",
        PARAGRAPHS[2],
        PARAGRAPHS[3],
        "  \u2022 facebook\n  \u2022 twitter",
        PARAGRAPHS[4],
        "Leave a Comment",
        "We use cookies to improve your experience on our site.",
        "Sign up to our free morning newsletter",
    ]
)


def html_page(
    *,
    title: str = TITLE,
    paragraphs: list[str] = PARAGRAPHS,
    site: str = "The Daily Lantern",
    url: str = "https://www.dailylantern.example/world/marovia-denies-rifles",
    date: str = "2021-05-03T09:15:00+00:00",
    author: str = "Anna Kowalczyk",
    charset: str = "utf-8",
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}">
<meta name="author" content="{author}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>{title}</h1>
{body}
<figure><img src="rebels.jpg"><figcaption>Rebels in the hills above Velt (AFP/Getty)</figcaption></figure>
</article>
<footer>Copyright 2021 The Daily Lantern. All rights reserved.</footer>
</body></html>
"""


def warc_bytes(pages: list[tuple[str, str]], *, gz: bool = True) -> tuple[bytes, list[int]]:
    """A WARC with one response record per (url, html), plus a request record; record offsets."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    offsets = []
    for url, html in pages:
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    request = writer.create_warc_record(
        "https://example.org/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
    )
    writer.write_record(request)
    return buffer.getvalue(), offsets


def story(index: int) -> tuple[str, list[str]]:
    """A distinct small article (title, paragraphs) for container tests."""
    places = ["Velt", "Ostrava", "Lorn", "Brisk", "Tavo"]
    place = places[index % len(places)]
    title = f"Council of {place} votes on water rights dispute number {index}"
    paragraphs = [
        f"The council of {place} voted on Thursday to refer dispute number {index} to the courts.",
        f"\u201cThe river belongs to everyone,\u201d said councillor Mara Denn of {place}.",
        f"Farmers in {place} said they would appeal the decision before the harvest.",
    ]
    return title, paragraphs


def rss_feed(items: list[dict[str, str]], *, title: str = "Lantern World") -> str:
    entries = []
    for item in items:
        content = item.get("content", "")
        entries.append(
            f"""<item><title>{item["title"]}</title><link>{item["link"]}</link>
<pubDate>{item.get("date", "Tue, 04 May 2021 08:00:00 GMT")}</pubDate>
<description><![CDATA[{item.get("summary", "")}]]></description>
{f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""}
<dc:creator>World Desk</dc:creator></item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{title}</title><link>https://lantern.example/</link>
<description>World news</description>
{"".join(entries)}
</channel></rss>
"""


def jsonl_lines(records: list[object]) -> bytes:
    return b"".join(json.dumps(r).encode("utf-8") + b"\n" for r in records)


def gzip_file(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path
