"""The adversarial suite's tables, kept apart from the tests that run them so the README check can count them."""
