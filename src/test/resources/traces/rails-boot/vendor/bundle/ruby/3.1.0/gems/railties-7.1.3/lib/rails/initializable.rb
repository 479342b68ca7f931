require "tsort"

module Rails
  # Runs named boot steps in dependency order, as Rails' initializers do.
  class Initializers
    include TSort

    def initialize
      @steps = {}
    end

    def add(name, after: [], &step)
      @steps[name] = [after, step]
    end

    def run
      tsort_each { |name| @steps.fetch(name).last.call }
    end

    private

    def tsort_each_node(&block)
      @steps.each_key(&block)
    end

    def tsort_each_child(name, &block)
      @steps.fetch(name).first.each(&block)
    end
  end
end
