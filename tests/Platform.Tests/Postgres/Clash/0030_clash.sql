-- Claims a processors' version: the clash test's second source.
select 1;
