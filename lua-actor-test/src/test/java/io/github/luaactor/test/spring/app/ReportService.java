package io.github.luaactor.test.spring.app;

import org.springframework.stereotype.Service;

/** An ordinary service with nothing to do with actors: the slice leaves it out. */
@Service
public class ReportService {
}
