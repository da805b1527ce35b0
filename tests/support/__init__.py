"""What the tests share: the real server as a process and the command lines run as
processes (server), a fault-injecting proxy (proxy), a free port (net), the seeded users
(users), keyring backends (keyrings), a clock moved by hand (clock), builders of intakes,
orders and articles (builders), the chain's steps on a workspace (steps), a workstation over
its own workspace (station), hand-made events for the chain (station_chain) and the wire
(wire), signing in over raw HTTP (signin), and the Qt side: input (qt), a switchable window
(desk), what a screen renders (rendered), a PDF's text (pdf).

Unit tests may import any of these except server, proxy, wire and signin (they start or
talk to processes); tests/unit/test_unit_tests.py checks it."""
