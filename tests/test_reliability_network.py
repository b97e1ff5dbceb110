"""No network at run time: the suite runs with outbound sockets blocked (issue 6).

``tests/conftest.py`` blocks every non-loopback connection for the whole session, in
this process and in the processes the tests start; these tests prove the block is in
place and that extraction and reports work behind it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest

import sahel_analysis as sa
from sahel_analysis import reports
from sahel_analysis.cli import main


@pytest.mark.parametrize("address", [("93.184.216.34", 80), ("2606:4700::1111", 53)])
def test_a_non_loopback_connect_raises(address, no_network):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        with pytest.raises(no_network.NetworkBlockedError, match="network access blocked"):
            s.connect(address)
        with pytest.raises(no_network.NetworkBlockedError):
            s.connect_ex(address)
    with pytest.raises(no_network.NetworkBlockedError):
        socket.create_connection(address, timeout=1)


def test_host_names_are_refused_before_any_dns_lookup(no_network):
    with pytest.raises(no_network.NetworkBlockedError):
        socket.create_connection(("example.org", 443), timeout=1)
    assert isinstance(no_network.NetworkBlockedError("x"), OSError)  # libraries fall back


def test_loopback_still_connects():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        accepted = []
        thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]))
        thread.start()
        with socket.create_connection(("localhost", port), timeout=5) as client:
            client.sendall(b"ok")
        thread.join(5)
        with accepted[0] as conn:
            assert conn.recv(2) == b"ok"


def test_child_processes_are_blocked_too():
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 53), timeout=1)\n"
        "except OSError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.startswith("NetworkBlockedError network access blocked"), done.stdout
    assert os.environ["SAHEL_ANALYSIS_NO_NETWORK"] == "1"


def test_extract_and_report_pieces_work_offline(tmp_path, capsys):
    article = tmp_path / "gao.txt"
    article.write_text("French troops left Gao for Niamey on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "--published", "2022-08-17"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["origin_iso3"], m["destination_iso3"]) for m in data["movements"]] == [
        ("MLI", "NER")
    ]
    facts = sa.extract(sa.read_article(article, published="2022-08-17"))
    written = {p.name for p in reports.write_data(facts, tmp_path / "report")}
    assert {"facts.gpkg", "movements.geojson", "facts.json"} <= written
    assert "Gao" in reports.fact_sheet_html(facts)
    # The notebook reports (kernels, papermill) run offline in test_reliability_faults,
    # test_reliability_security, test_reports and test_notebooks under the same block.
