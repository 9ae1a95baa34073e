"""The platform stand-in: a loopback imitation of TeleCMI click2call, for demos and tests.

``server`` answers as the vendor documentation describes; ``python -m dialer_app.sandbox``
runs it on its own.
"""
