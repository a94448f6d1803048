"""Linking: reports of one incident from different documents become one event.

See the codebook's "Several reports, one event".
"""
