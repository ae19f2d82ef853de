mod otro;
