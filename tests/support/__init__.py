"""Helpers the tests share: fixtures data, child programs, fault servers, waiting."""
