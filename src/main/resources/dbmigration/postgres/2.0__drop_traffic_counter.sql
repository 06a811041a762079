-- apply post alter
drop table if exists traffic_counter cascade;
drop sequence if exists traffic_counter_seq;
