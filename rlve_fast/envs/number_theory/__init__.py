"""Number-theory environments: divisors, factorials, primes."""
