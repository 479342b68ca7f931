module Puma
  class Launcher
    def initialize(rackup)
      @rackup = rackup
    end

    def run
      puts "=> Booting Puma"
      load_and_bind
    end

    private

    def load_and_bind
      load @rackup
    end
  end
end
